"""The page cache, and everything read once per generation of it (docs/performance.md).

- `pages.py`: the whole-response cache of anonymous pages (CachePagesMiddleware) and the site-wide generation
  number each entry is stored under;
- `invalidation.py`: what bumps the generation (publishing, moving, deleting a page; a snippet, a setting, an
  image, a document…);
- `redis.py`: the Redis cache backend (REDIS_URL);
- `par_generation.py`: values computed from published content, kept for one generation;
- its readers, which make a page cache miss cheap: `routage.py` (the page a URL shows), `navigation.py` (menus,
  footer, contact details), `cartes.py` (the listings' cards), `liens.py` (a page's many-to-many relations),
  `facettes.py` (the filtered listings' bit-set indexes) and `requetes.py` (their query helper).

May import Django, Wagtail and the ground floor's models; never an app.
"""
