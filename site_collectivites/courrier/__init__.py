"""Every e-mail of the site goes through the outbox (docs/courriels.md).

- `file.mettre_en_file(message, nature, cle)`: an EmailMultiAlternatives becomes a row of CourrielEnFile, in the
  caller's transaction; once it commits, a background task sends it.
- `envoi.envoyer_dus(...)`: the one engine that sends due rows, one at a time under a row lock (two workers never
  send the same row), recording success or the error and the next try; shared with the demandes' outbox.
- `envoi.FILES`: the outboxes of the site (ours and the apps' own), which `manage.py envoyer_courriels`, /healthz
  and the coordination's morning panel read.
"""
