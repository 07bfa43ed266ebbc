"""The classify task: sound classifiers trained on labelled class folders.

Its pieces: config (the typed features and task settings), features (the log-mel spectrogram
every part computes the same way, and the arrays a split's cache hands to training), the
feature cache written by worker processes (feature_cache), the models, the training hooks the
shared trainer calls, the metrics, and using a model (classify files, ONNX export).
"""
