"""What every command needs, built once from ``Settings``: the database, hasher, clock, analyzer.

The CLI is an edge (style.md §2): it reads settings here and hands plain objects to services.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from types import TracebackType
from typing import Self

from sqlalchemy.engine import Engine, make_url

from attunement.domain.analysis import Analyzer
from attunement.services.clock import SystemClock
from attunement.services.passwords import PasswordHasher
from attunement.services.uow import UnitOfWork
from attunement.settings import Settings
from attunement.store.crypto import KeyRing
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.sealing import upgrade_and_seal
from attunement.store.uow import SqlUnitOfWork


@dataclass
class Runtime:
    settings: Settings

    @property
    def database_url(self) -> str:
        return self.settings.resolved_database_url()

    def is_embedded(self) -> bool:
        """True for the default SQLite file, which needs no server and migrates itself."""
        return make_url(self.database_url).get_backend_name() == "sqlite"

    def prepare_embedded(self) -> None:
        """Create the data folder, bring the embedded database to the latest schema, seal."""
        if self.is_embedded():
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            upgrade_and_seal(self.database_url, self.settings.resolved_key_file())

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.database_url)

    @cached_property
    def new_uow(self) -> Callable[[], UnitOfWork]:
        factory = make_session_factory(self.engine)
        keys = KeyRing.from_file(self.settings.resolved_key_file())
        return lambda: SqlUnitOfWork(factory, keys)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close the database connections this command opened."""
        if "engine" in self.__dict__:
            self.engine.dispose()

    @cached_property
    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.settings.argon2_time_cost, memory_kib=self.settings.argon2_memory_kib
        )

    @cached_property
    def clock(self) -> SystemClock:
        return SystemClock()

    @cached_property
    def analyzer(self) -> Analyzer:
        from attunement.language import get_analyzer

        return get_analyzer(self.settings.analyzer, self.settings.encoder_options())
