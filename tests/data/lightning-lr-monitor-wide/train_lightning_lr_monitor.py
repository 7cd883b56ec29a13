"""Tiny real Lightning fit with LearningRateMonitor over 400 parameter groups (one per
tensor): CSVLogger's metrics.csv gets a header of 400 ``lr-Adam/pgN`` columns, over 4 KB, and
writes the monitor's row and the metrics' row apart at each logged step."""
import lightning as L
import torch
from lightning.pytorch.callbacks import LearningRateMonitor
from lightning.pytorch.loggers import CSVLogger

LAYERS = 200


class Chain(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.layers = torch.nn.Sequential(*[torch.nn.Linear(4, 4) for _ in range(LAYERS)])
        self.head = torch.nn.Linear(4, 1)

    def forward(self, x):
        for layer in self.layers:
            x = x + 0.01 * torch.tanh(layer(x))
        return self.head(x).squeeze(-1)

    def training_step(self, batch, _):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_loss", torch.nn.functional.mse_loss(self(x), y))

    def configure_optimizers(self):
        groups = [{"params": [p]} for p in self.layers.parameters()]
        optimizer = torch.optim.Adam(groups + [{"params": self.head.parameters()}], lr=1e-2)
        return {"optimizer": optimizer,
                "lr_scheduler": torch.optim.lr_scheduler.StepLR(optimizer, 20, 0.5)}


torch.manual_seed(0)
x = torch.randn(512, 4)
y = x[:, 0] - 0.5 * x[:, 1]
train = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x[:384], y[:384]),
                                    batch_size=32, shuffle=True)
val = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x[384:], y[384:]),
                                  batch_size=128)
trainer = L.Trainer(max_epochs=6, logger=CSVLogger(".", name="lightning_logs"),
                    callbacks=[LearningRateMonitor(logging_interval="step")],
                    log_every_n_steps=4, enable_progress_bar=False, enable_model_summary=False,
                    enable_checkpointing=False, accelerator="cpu")
trainer.fit(Chain(), train, val)
