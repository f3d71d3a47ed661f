"""Storage: models, engine and sessions, migrations."""
