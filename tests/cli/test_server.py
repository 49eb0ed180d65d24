"""``attunement serve --workers N`` (issue 7): several processes need Redis for live updates."""

from attunement.cli.app import app


def test_several_workers_without_redis_are_refused(runner, cli_env, monkeypatch):
    monkeypatch.delenv("ATTUNEMENT_REDIS_URL", raising=False)

    result = runner.invoke(app, ["serve", "--workers", "2", "--port", "0"])

    assert result.exit_code == 1
    assert "ATTUNEMENT_REDIS_URL" in result.output


def test_the_worker_count_may_come_from_the_environment(runner, cli_env, monkeypatch):
    monkeypatch.delenv("ATTUNEMENT_REDIS_URL", raising=False)
    monkeypatch.setenv("ATTUNEMENT_WORKERS", "3")

    result = runner.invoke(app, ["serve", "--port", "0"])

    assert result.exit_code == 1
    assert "ATTUNEMENT_REDIS_URL" in result.output


def test_a_worker_count_out_of_range_is_refused(runner, cli_env):
    result = runner.invoke(app, ["serve", "--workers", "0"])

    assert result.exit_code == 2
