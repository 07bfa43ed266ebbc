"""The training engine: data, models, losses, the trainer and its checkpoints (no Qt)."""
