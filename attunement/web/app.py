"""The app factory: settings in, a wired FastAPI app out (style.md §2; flaskr's factory).

``create_app`` reads ``Settings`` and passes plain values on; nothing below reads settings. The
app assumes a migrated database; ``app_from_env`` (for ``uvicorn --factory`` and the browser
tests) migrates an embedded SQLite file first, for convenience.
"""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.telemetry import TelemetryConfig
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import make_url

from attunement.domain.analysis import Analyzer
from attunement.services.accounts import SessionLifetime
from attunement.services.clock import SystemClock
from attunement.services.passwords import PasswordHasher
from attunement.settings import Settings, load_settings
from attunement.store.crypto import KeyRing
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.uow import SqlUnitOfWork
from attunement.web import errors
from attunement.web.deps import Components, verify_csrf
from attunement.web.limits import RateLimiter
from attunement.web.live import LiveHub, LocalHub
from attunement.web.messages import words
from attunement.web.routes import (
    account_data,
    accounts,
    check_ins,
    couple,
    dialogue,
    home,
    ifio,
    imago,
    live,
    parts,
    practice,
    privacy,
    progress,
    run_live,
    safeguards,
    safety,
    six_fs,
    therapist,
    time_out,
    u_turn,
    unburdening,
    workup,
)
from attunement.web.security import CookieNames, CsrfTokens, SecurityHeaders, load_secret_key

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)
#: FastAPI's OpenTelemetry off: nothing about a request leaves the process (not even when
#: ``FASTAPI_OTEL_AUTO_CONFIGURE`` is set), and no request pays for checking (issue 7).
NO_TELEMETRY: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
}


def create_app(
    settings: Settings, *, analyzer: Analyzer | None = None, openapi: bool = False
) -> FastAPI:
    """A ready app for ``settings``; ``analyzer`` replaces the configured one (tests).

    ``openapi`` serves the schema at ``/openapi.json`` for the schema fuzzing tests only; it is
    never on in production, where it would only map the app for an attacker.
    """
    app = FastAPI(
        title="Attunement",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if openapi else None,
        dependencies=[Depends(verify_csrf)],
        lifespan=_lifespan,
        telemetry=NO_TELEMETRY,
    )
    app.state.components = _components(settings, analyzer)
    exit_url = urlsplit(settings.quick_exit_url)
    app.add_middleware(SecurityHeaders, exit_origin=f"{exit_url.scheme}://{exit_url.netloc}")
    errors.install(app)
    for module in (
        home,
        accounts,
        couple,
        dialogue,
        live,
        imago,
        workup,
        parts,
        six_fs,
        check_ins,
        ifio,
        u_turn,
    ):
        app.include_router(module.router)
    for module in (progress, therapist, practice, account_data):  # issue 5
        app.include_router(module.router)
    for module in (privacy, safety):  # issue 6
        app.include_router(module.router)
    app.include_router(unburdening.router)  # issue 4, therapist-only
    app.include_router(run_live.router)  # issue 4, live Imago runs
    app.include_router(safeguards.router)  # issue 4, Parent-Child safeguard
    app.include_router(time_out.router)  # issue 4, the time-out's ready check
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the live hub before the first request (a Redis subscription) and close it after."""
    hub: LiveHub = app.state.components.hub
    await hub.open()
    try:
        yield
    finally:
        await hub.close()
        app.state.components.limiter.close()


def _live_hub(settings: Settings) -> LiveHub:
    """In-process fan-out by default; Redis pub/sub when a Redis URL is configured."""
    if not settings.redis_url:
        return LocalHub()
    from attunement.web.live_redis import RedisHub

    return RedisHub(settings.redis_url)


def _limiter(settings: Settings, secret: bytes) -> RateLimiter:
    """Windows in memory by default; in Redis, shared by every worker, when one is configured."""
    if not settings.redis_url:
        return RateLimiter(settings.rate_limit_per_minute, secret=secret)
    from attunement.web.limits_redis import RedisWindows

    windows = RedisWindows(settings.redis_url, secret=secret)
    return RateLimiter(settings.rate_limit_per_minute, secret=secret, windows=windows)


def _components(settings: Settings, analyzer: Analyzer | None) -> Components:
    engine = make_engine(
        settings.resolved_database_url(), busy_timeout_ms=settings.sqlite_busy_timeout_ms
    )
    session_factory = make_session_factory(engine)
    secret_path = settings.secret_key_file or settings.data_dir / "secret.key"
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.trim_blocks = True
    templates.env.lstrip_blocks = True
    templates.env.auto_reload = False  # templates ship with the code: no file check per render
    templates.env.globals["words"] = words
    keys = KeyRing.from_file(settings.resolved_key_file())
    secret = load_secret_key(secret_path)
    return Components(
        new_uow=lambda: SqlUnitOfWork(session_factory, keys),
        hasher=PasswordHasher(
            time_cost=settings.argon2_time_cost, memory_kib=settings.argon2_memory_kib
        ),
        clock=SystemClock(),
        lifetime=SessionLifetime(
            idle=timedelta(minutes=settings.session_idle_minutes),
            absolute=timedelta(hours=settings.session_absolute_hours),
        ),
        analyzer=analyzer or _configured_analyzer(settings),
        hub=_live_hub(settings),
        csrf=CsrfTokens(secret),
        cookies=CookieNames(secure=settings.secure_cookies),
        templates=templates,
        limiter=_limiter(settings, secret),
        exit_url=settings.quick_exit_url,
        locale=settings.safety_locale,
        require_check_in=settings.require_check_in,
    )


def _configured_analyzer(settings: Settings) -> Analyzer:
    from attunement.language import get_analyzer

    return get_analyzer(settings.analyzer, settings.encoder_options())


def app_from_env() -> FastAPI:
    """``uvicorn --factory attunement.web.app:app_from_env``: settings from ``ATTUNEMENT_*``.

    Also what each worker of ``attunement serve --workers N`` runs. Migrates an embedded SQLite
    database before serving; other databases must be migrated with the CLI first.
    """
    from attunement.store.migrate import upgrade

    settings = load_settings()
    url = settings.resolved_database_url()
    if make_url(url).get_backend_name() == "sqlite":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        upgrade(url)
    app = create_app(settings)
    # What is built by now (the encoder, templates, SQLAlchemy's tables) lives as long as the
    # process: frozen, the collector's full passes stop walking it again and again (issue 7).
    gc.freeze()
    return app
