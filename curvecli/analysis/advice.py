"""The remedies practitioners use, per finding code: each finding's advice."""

from __future__ import annotations

ADVICE = {
    "overfitting": ["early stopping at the best step (keep that checkpoint)",
                    "more regularisation: weight decay, dropout, data augmentation",
                    "more training data or a smaller model"],
    "underfitting": ["more capacity (a larger model)", "train longer",
                     "a higher learning rate or less regularisation"],
    "erratic": ["lower the learning rate", "a larger batch size",
                "gradient clipping", "learning-rate warm-up"],
    "diverging": ["lower the learning rate", "gradient clipping", "learning-rate warm-up",
                  "restart from the last good checkpoint",
                  "check the data and the loss for NaN sources"],
    "loss_spike": ["restart from a checkpoint before the spike and skip the batches that caused it",
                   "gradient clipping", "a lower peak learning rate"],
    "still_improving": ["train longer (the curve had not levelled off)",
                        "resume from the last checkpoint with the same schedule"],
    "plateau": ["decay the learning rate on plateau", "stop earlier to save compute"],
    "lr_too_high": ["lower the learning rate (try 3-10x lower)", "learning-rate warm-up"],
    "lr_too_low": ["raise the learning rate (try 3-10x higher)"],
    "exploding_gradients": ["gradient clipping (e.g. max norm 1.0)", "lower the learning rate"],
    "vanishing_gradients": ["check the learning-rate schedule and initialisation",
                            "normalisation layers or residual connections"],
    "non_finite": ["find the first non-finite step; lower the learning rate or use bf16/fp32"],
    "zero_from_start": ["check the loss computation: every label masked (-100) or an empty "
                        "target gives no loss, and HF's logging_nan_inf_filter logs NaN losses "
                        "as 0 (set it to False to see them)"],
    "never_computed": ["check how this metric is computed and logged (nothing to fix in training)"],
    "resumed": ["nothing to do: the later write of each step is used"],
}
