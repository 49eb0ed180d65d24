"""``attunement keys rotate``: a new key file, the same words readable, the old key retired."""

from attunement.cli.app import app
from attunement.cli.runtime import Runtime
from attunement.settings import Settings
from attunement.store.crypto import KeyRing
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.uow import SqlUnitOfWork

WORDS = "words only Sam may read"


def test_rotation_keeps_every_text_readable_under_the_new_key(runner, cli_env, sam, tmp_path):
    settings = Settings()
    key_file = settings.resolved_key_file()
    engine = make_engine(Runtime(settings).database_url)
    factory = make_session_factory(engine)
    before = SqlUnitOfWork(factory, KeyRing.from_file(key_file))
    with before:
        sealed = before.sealer.seal(sam.id, ("t", "1"), WORDS)
        before.commit()
    old_key = key_file.read_bytes()

    result = runner.invoke(app, ["keys", "rotate"])

    assert result.exit_code == 0, result.output
    assert "Re-wrapped 1 data keys" in result.output
    assert key_file.read_bytes() != old_key
    assert key_file.with_name(key_file.name + ".retired").read_bytes() == old_key
    after = SqlUnitOfWork(factory, KeyRing.of(key_file.read_bytes()))
    with after:
        assert after.sealer.open(sam.id, ("t", "1"), sealed) == WORDS
    engine.dispose()
