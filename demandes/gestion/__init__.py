"""The follow-up back office of the demandes, in the Wagtail admin (docs/demandes.md, « Le suivi »)."""
