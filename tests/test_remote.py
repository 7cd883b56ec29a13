"""Remote PATHs against a real S3-compatible server (moto's) on 127.0.0.1.

The same real logs are read from disk and from ``s3://``: every point and every verdict
must be equal. Needs the ``remote`` extra (s3fs) and moto's server (the test extra); the
tests skip without them.
"""

from __future__ import annotations

import json
import logging
import shutil

import pytest
from conftest import DATA
from typer.testing import CliRunner

from curvecli.cli import app

s3fs = pytest.importorskip("s3fs")
moto_server = pytest.importorskip("moto.server")

runner = CliRunner()
RUNS = {  # one real run per reader the issue names
    "tensorboard": DATA / "tensorboard" / "tb-keras-imdb-thecodeheadmt",
    "trainer_state": DATA / "trainer_state" / "hf-asr-stress-wer-cer-siasio",
    "lightning": DATA / "csv" / "lightning-mnist-cnn-hcdescamps",
    "keras": DATA / "csv" / "keras-car-brand-cnn-burakerguvn",
}
BUCKET = "logs"


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A moto S3 server on 127.0.0.1 holding the runs under s3://logs/sweep/, and the
    same tree on disk; yields (local tree, environment for the server)."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
           "AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_DEFAULT_REGION": "us-east-1"}
    local = tmp_path_factory.mktemp("remote") / "sweep"
    for name, run in RUNS.items():
        shutil.copytree(run, local / name)
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        s3fs.S3FileSystem.clear_instance_cache()
        fs = s3fs.S3FileSystem()
        fs.mkdir(BUCKET)
        fs.put(str(local), f"{BUCKET}/sweep", recursive=True)
        yield local, env
    s3fs.S3FileSystem.clear_instance_cache()
    server.stop()


def invoke(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def without_paths(report: dict) -> dict:
    for run in report["runs"]:
        run.pop("path", None)
    return report


def test_points_and_verdicts_from_s3_equal_the_files_on_disk(s3, monkeypatch):
    local, env = s3
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for name in RUNS:
        remote = invoke("export", f"s3://{BUCKET}/sweep/{name}")
        on_disk = invoke("export", local / name)
        assert remote.exit_code == 0, remote.output
        assert remote.stdout == on_disk.stdout, name
    remote = invoke("diagnose", "--format", "json", f"s3://{BUCKET}/sweep")
    on_disk = invoke("diagnose", "--format", "json", local)
    assert remote.exit_code == on_disk.exit_code == 0, remote.output
    assert without_paths(json.loads(remote.stdout)) == without_paths(json.loads(on_disk.stdout))
    assert len(json.loads(remote.stdout)["runs"]) >= len(RUNS)  # a folder may hold two runs
    assert all(run["path"].startswith(f"s3://{BUCKET}/sweep")
               for run in json.loads(remote.stdout)["runs"])  # said about the URL


def test_a_single_remote_file(s3, monkeypatch):
    local, env = s3
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    (log,) = [p for p in (local / "keras").rglob("*") if p.is_file() and p.suffix == ".log"]
    remote = invoke("export", f"s3://{BUCKET}/sweep/keras/{log.name}")
    on_disk = invoke("export", log)
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == on_disk.stdout  # the run is named after its folder in both


@pytest.mark.parametrize("url, message", [
    ("s3://no-such-bucket/runs", "no such bucket"),
    (f"s3://{BUCKET}/no/such/key", "no such bucket"),
])
def test_missing_bucket_or_key_is_one_clear_error(s3, monkeypatch, url, message):
    _, env = s3
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = invoke("diagnose", url)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.output


def test_missing_credentials_is_one_clear_error(s3, monkeypatch, tmp_path):
    _, env = s3
    monkeypatch.setenv("AWS_ENDPOINT_URL", env["AWS_ENDPOINT_URL"])
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE",
                "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    s3fs.S3FileSystem.clear_instance_cache()
    result = invoke("ls", f"s3://{BUCKET}/sweep")
    assert result.exit_code == 2 and "no credentials" in result.stderr, result.output
    assert "Traceback" not in result.output


def test_watch_says_it_follows_local_paths_only():
    """A running watch would wait for a PATH that never appears locally: refused at once."""
    result = invoke("watch", "--once", "s3://bucket/runs")
    assert result.exit_code == 2 and "local paths only" in result.stderr
