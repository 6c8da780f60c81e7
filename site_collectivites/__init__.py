"""The ground floor: what every app stands on. It imports no app (offres, agenda, demandes, newsletter, portail),
not even inside a function: import-linter's contracts in pyproject.toml, run by .ci/run. docs/architecture.md
has the whole house.

By concern:
- `cache/`: the page cache, what refreshes it, and everything read once per generation of it (the routing
  table, menus, listing cards, a page's links, facet indexes);
- `securite/`: Content Security Policy and headers, second factor, login lockout, rate limit, virus scan of
  uploads, the admin's read-only permission policy;
- `exploitation/`: running the site: its public address, /healthz, logs, recovery of interrupted tasks, the
  503 page, admin exports, the register of personal data processing;
- `models/`: the site-wide pages (home, standard pages, site map), site settings and menus, SEO fields;
  `fields.py`: the StreamField that keeps blocks out of migrations; `blocks/`: the shared StreamField blocks;
- `taxonomie/`, `territoire/`: the shared vocabulary and the territory reference (apps of their own);
- `settings/`, `templatetags/`, `templates/`, `demo/` (demo content, the demo accounts' passwords),
  `management/commands/`; `views.py` (robots.txt, error pages), `widgets.py` (public forms), `wsgi.py`.
"""
