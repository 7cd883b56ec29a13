"""Tiny real Keras 3 fit called once per epoch in a loop, logging with CSVLogger(append=True):
every row of the CSV says epoch 0."""
import json

import keras
import numpy as np

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(600, 8)).astype("float32")
y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype("int32")
x_val = rng.normal(size=(200, 8)).astype("float32")
y_val = (x_val[:, 0] + 0.5 * x_val[:, 1] > 0).astype("int32")
model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy",
              metrics=["accuracy"])
history = {}
for _ in range(6):
    fitted = model.fit(x, y, validation_data=(x_val, y_val), epochs=1, batch_size=16, verbose=0,
                       callbacks=[keras.callbacks.CSVLogger("training.csv", append=True)])
    for key, values in fitted.history.items():
        history.setdefault(key, []).extend(float(v) for v in values)
with open("history.json", "w") as handle:
    json.dump(history, handle)
