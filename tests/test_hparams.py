"""Hyper-parameters read from what runs store (curvecli.hparams)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from writers import write_scalars

from curvecli import load_runs
from curvecli.hparams import MAX_HPARAM_BYTES, planned_length, run_hparams, side_files

DATA = Path(__file__).parent / "data"


def test_lightning_hparams_yaml_with_python_tags(tmp_path):
    """Lightning's own hparams.yaml: nested keys flatten with dots, types kept, the
    Namespace that safe_load refuses read as its fields."""
    found = side_files([DATA / "hparams" / "lightning" / "metrics.csv"])
    assert found["lr"] == 0.003 and isinstance(found["lr"], float)
    assert found["max_epochs"] == 12 and isinstance(found["max_epochs"], int)
    assert found["optimizer.name"] == "adam"
    assert found["optimizer.betas"] == "[0.9, 0.999]"
    assert found["use_bn"] is True
    assert found["args.seed"] == 3
    assert planned_length(found) == ("epoch", 12.0, "max_epochs")


def test_wandb_config_yaml_is_unwrapped():
    """A real W&B run's files/config.yaml: {value: x} unwrapped, _wandb dropped."""
    run = DATA / "wandb" / "wandb-binary-run-nanogpt-druidowm"
    logs = load_runs(run).runs
    found = run_hparams(logs[0].meta, logs[0].files)
    assert found["batch_size"] == 12
    assert not any(key.startswith("_wandb") for key in found)
    assert planned_length(found)[0] == "step"  # nanoGPT's max_iters


def test_json_files_and_trainer_state_keys(tmp_path):
    """config.json beside a trainer_state.json; the state's trial_params and max_steps;
    training_args.bin (a pickle) is never opened; a file over the size limit is skipped."""
    (tmp_path / "config.json").write_text(json.dumps({"hidden_size": 64,
                                                      "num_train_epochs": 3}))
    (tmp_path / "training_args.bin").write_bytes(b"\x80\x04 not to be unpickled")
    (tmp_path / "args.json").write_text(json.dumps({"x": "y" * MAX_HPARAM_BYTES}))
    state = {"log_history": [{"loss": 1.0, "step": 1, "epoch": 0.1}], "max_steps": 300,
             "trial_params": {"learning_rate": 3e-5, "seed": 7}, "train_batch_size": 16}
    (tmp_path / "trainer_state.json").write_text(json.dumps(state))
    log = load_runs(tmp_path).runs[0]
    found = run_hparams(log.meta, log.files)
    assert found["learning_rate"] == 3e-5 and found["seed"] == 7
    assert found["max_steps"] == 300 and found["train_batch_size"] == 16
    assert found["hidden_size"] == 64
    assert "x" not in found
    assert planned_length(found) == ("step", 300.0, "max_steps")


def test_planned_length_ignores_non_positive_and_booleans():
    assert planned_length({"max_steps": -1, "num_train_epochs": 3}) == \
        ("epoch", 3.0, "num_train_epochs")
    assert planned_length({"trainer.max_epochs": True}) is None
    assert planned_length({"lr": 0.1}) is None


def test_unparseable_yaml_is_skipped(tmp_path):
    shutil.copy(DATA / "hparams" / "lightning" / "hparams.yaml", tmp_path / "args.yaml")
    (tmp_path / "hparams.yaml").write_text("a: [unclosed\n")
    found = side_files([tmp_path / "metrics.csv"])
    assert found["lr"] == 0.003  # the good file still counts


def test_each_run_of_a_database_has_its_own_hyper_parameters():
    """MLflow's and trackio's databases hold many runs: each run keeps its own params (the
    real writers' fixtures), not the file's first run's."""
    for store, expected in ((DATA / "mlflow" / "sqlite" / "mlflow.db",
                             {"cls-exp/baseline": 0.001, "cls-exp/baseline (55f66ae1)": 0.01}),
                            (DATA / "trackio" / "demo-proj.db",
                             {"demo-proj/run-a": 0.001, "demo-proj/run-b": 0.01})):
        runs = {log.run: run_hparams(log.meta, log.files) for log in load_runs(store).runs}
        assert {run: runs[run]["lr"] for run in expected} == expected


def test_tensorboard_hparams_plugin(tmp_path):
    """The hparams plugin's session_start_info: a real Lightning TensorBoardLogger file, and
    one written with tensorboard's own hparams summary; types kept."""
    from tensorboard.compat.proto import event_pb2
    from tensorboard.plugins.hparams import summary_v2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    (real,) = [log for log in load_runs(DATA / "tensorboard").runs
               if log.run.startswith("tb-lightning-mnist-cnn")]
    assert real.meta["hparams"] == {"num_classes": 10}
    writer = EventFileWriter(str(tmp_path))
    summary = summary_v2.hparams_pb({"lr": 0.01, "optimizer": "adam", "batch": 32, "amp": True})
    writer.add_event(event_pb2.Event(wall_time=1.0, step=0, summary=summary))
    writer.close()
    write_scalars(tmp_path, [("val/loss", step, 1.0 / (step + 1)) for step in range(5)],
                  suffix=".2")
    (log,) = load_runs(tmp_path).runs
    assert run_hparams(log.meta, log.files) == {"lr": 0.01, "optimizer": "adam", "batch": 32,
                                                "amp": True}
