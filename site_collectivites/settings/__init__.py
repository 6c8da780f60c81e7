"""Settings split: base (shared), dev (embedded default), test (PostgreSQL), production.

Every value that differs between machines comes from the environment; see docs/configuration.md.
"""
