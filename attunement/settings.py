"""Settings, read only at the edges (web/app.py and the CLI) and passed on as plain values.

Every field can be set as an ``ATTUNEMENT_<NAME>`` environment variable, or as a line of the
file named by ``ATTUNEMENT_SETTINGS_FILE`` (the environment wins); docs/settings.md has a heading
per field (a test keeps the two in step).
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from attunement.language.encoder import EncoderOptions


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux), where the embedded SQLite file lives."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "attunement"


def default_cache_dir() -> Path:
    """The per-user cache folder (XDG on Linux): things the app can always make again."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "attunement"


MOST_ENCODER_THREADS = 4  # a turn's batch is a few short clauses: more threads only wait


def default_encoder_threads(workers: int = 1) -> int:
    """The CPUs this process may run on (its affinity), shared among the workers, at most four.

    Workers that together ask for more threads than there are cores wait for each other.
    """
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this platform
        usable = os.cpu_count() or 1
    return max(1, min(usable // max(1, workers), MOST_ENCODER_THREADS))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATTUNEMENT_", env_file=None, extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    cache_dir: Path = Field(default_factory=default_cache_dir)
    database_url: str = ""  # empty: SQLite file ``attunement.sqlite3`` in data_dir
    analyzer: Literal["auto", "encoder", "lexical"] = "auto"
    encoder_runtime: Literal["onnx", "torch"] = "onnx"
    secret_key_file: Path | None = None  # empty: ``secret.key`` in data_dir, made on first run
    session_idle_minutes: int = Field(default=60, ge=5, le=24 * 60)
    session_absolute_hours: int = Field(default=12, ge=1, le=24 * 14)
    argon2_time_cost: int = Field(default=3, ge=1, le=10)
    argon2_memory_kib: int = Field(default=65536, ge=8, le=1048576)
    secure_cookies: bool = False  # True behind HTTPS: cookies get Secure and the __Host- prefix
    key_file: Path | None = None  # empty: ``data.key`` in data_dir; keep it OUTSIDE backups
    safety_locale: Literal["US", "UK", "INTL"] = "US"
    quick_exit_url: str = "https://www.bbc.co.uk/weather"
    require_check_in: bool = True
    rate_limit_per_minute: int = Field(default=10, ge=1, le=1000)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    redis_url: str = ""  # empty: live updates fan out inside one process only
    workers: int = Field(default=1, ge=1, le=64)
    encoder_threads: int = Field(
        default_factory=lambda given: default_encoder_threads(given.get("workers", 1)), ge=1, le=64
    )
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=100, le=60000)

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'attunement.sqlite3'}"

    def encoder_options(self) -> "EncoderOptions":
        """How the analyzer runs its sentence encoder; the ``onnx`` graph is cached in cache_dir."""
        from attunement.language.encoder import EncoderOptions

        return EncoderOptions(
            runtime=self.encoder_runtime,
            threads=self.encoder_threads,
            graph_dir=self.cache_dir / "models",
        )

    def resolved_key_file(self) -> Path:
        """Where the key-encryption key lives (made on first run)."""
        return self.key_file or self.data_dir / "data.key"


SETTINGS_FILE_VARIABLE = "ATTUNEMENT_SETTINGS_FILE"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment and the optional settings file; ``overrides`` win over both.

    A production host keeps its settings in one file readable only by the service account
    (docs/deploy.md), and every worker process reads the same file.
    """
    settings_file = os.environ.get(SETTINGS_FILE_VARIABLE) or None
    return Settings(_env_file=settings_file, **overrides)  # type: ignore[arg-type]
