"""A tiny real torch classifier whose epoch log is written the way DeiT's main.py writes
output_dir/log.txt: log_stats = {**{f'train_{k}': v ...}, **{f'test_{k}': v ...}, 'epoch': epoch,
'n_parameters': n_parameters}; f.write(json.dumps(log_stats) + "\n")."""
import json

import torch

torch.manual_seed(0)
x = torch.randn(600, 10)
y = (x[:, 0] + x[:, 1] ** 2 > 0.5).long()
xt, yt = torch.randn(200, 10), None
yt = (xt[:, 0] + xt[:, 1] ** 2 > 0.5).long()
model = torch.nn.Sequential(torch.nn.Linear(10, 32), torch.nn.ReLU(), torch.nn.Linear(32, 2))
n_parameters = sum(p.numel() for p in model.parameters())
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=12)
loss_fn = torch.nn.CrossEntropyLoss()
with open("log.txt", "a") as handle:
    for epoch in range(12):
        model.train()
        total = 0.0
        for i in range(0, 600, 32):
            optimizer.zero_grad()
            loss = loss_fn(model(x[i:i + 32]), y[i:i + 32])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x[i:i + 32])
        train_stats = {"lr": optimizer.param_groups[0]["lr"], "loss": total / 600}
        scheduler.step()
        model.eval()
        with torch.no_grad():
            out = model(xt)
            test_stats = {"loss": loss_fn(out, yt).item(),
                          "acc1": (out.argmax(1) == yt).float().mean().item() * 100}
        log_stats = {**{f"train_{k}": v for k, v in train_stats.items()},
                     **{f"test_{k}": v for k, v in test_stats.items()},
                     "epoch": epoch, "n_parameters": n_parameters}
        handle.write(json.dumps(log_stats) + "\n")
