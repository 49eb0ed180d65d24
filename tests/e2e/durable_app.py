"""The app the kill -9 test serves: the real factory, a quiet analyzer (no model to load).

``uvicorn --factory tests.e2e.durable_app:app`` migrates the SQLite file like ``app_from_env``
and serves exactly the production app otherwise: the durability under test is the store's.
"""

from fastapi import FastAPI

from attunement.settings import Settings
from attunement.store.migrate import upgrade
from attunement.web.app import create_app
from tests.fakes import QuietAnalyzer


def app() -> FastAPI:
    settings = Settings()
    upgrade(settings.resolved_database_url())
    return create_app(settings, analyzer=QuietAnalyzer())
