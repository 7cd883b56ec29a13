"""Write cv_history.csv the way k-fold scripts do: a Keras fit per fold, each History as a
pandas DataFrame with a ``fold`` column, concatenated and saved with to_csv (the epoch
column restarts at 0 in every fold). history.json keeps each fold's History values."""

import json

import keras
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(0)
x, y = load_breast_cancer(return_X_y=True)
x = StandardScaler().fit_transform(x).astype("float32")
frames, histories = [], {}
for fold, (train, val) in enumerate(KFold(3, shuffle=True, random_state=0).split(x)):
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x[train], y[train], validation_data=(x[val], y[val]), epochs=12,
                        batch_size=32, verbose=0)
    frame = pd.DataFrame(history.history)
    frame.insert(0, "epoch", np.arange(len(frame)))
    frame.insert(0, "fold", fold)
    frames.append(frame)
    histories[str(fold)] = history.history
pd.concat(frames).to_csv("cv_history.csv", index=False)
with open("history.json", "w") as out:
    json.dump(histories, out)
