"""Security (docs/securite.md).

- `csp.py`: the Content Security Policy by path (strict on the public site, looser under /admin/);
- `entetes.py`: the Permissions-Policy header;
- `double_facteur.py`: the admin's second factor (TOTP code page);
- `connexion.py`: the page of a locked-out login (django-axes);
- `ratelimit.py`: the rate limit per client IP shared by every public form, and that client IP;
- `antivirus.py` and `formulaires_medias.py`: the ClamAV scan of every upload, and the Wagtail document and
  image forms that run it;
- `permissions.py`: the admin's read-only permission policy, for rows the site writes itself.

May import Django, Wagtail and their security libraries; nothing else of the ground floor, never an app.
"""
