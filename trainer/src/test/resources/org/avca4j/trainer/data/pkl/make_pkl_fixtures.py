"""Writes the small per-class .pkl fixtures of PickledClassFileTest with Python's own pickle.

Run by hand from this folder with a Python 3.8+ that has numpy: python3 make_pkl_fixtures.py
Value of clip k, row t, column d: k + t/4 + d/8 (exact in float16, float32 and uint8 after
rounding down; uint8 files hold 10*k + t + d instead).
"""
import os
import pickle

import numpy as np


def seq(k, rows, dim, dtype):
    t = np.arange(rows)[:, None]
    d = np.arange(dim)[None, :]
    return (k + t / 4 + d / 8).astype(dtype)


def write(name, obj, protocol):
    with open(name, "wb") as f:
        pickle.dump(obj, f, protocol=protocol)


def class_dict(features, names):
    return {"features": features, "video_names": names, "fps": [25] * len(features)}


sequences = [seq(0, 2, 3, np.float32), seq(1, 1, 3, np.float32), seq(2, 4, 3, np.float32)]
names = [b"clip_a", b"clip_b", b"clip_c"]
for p in (4, 5):
    write("seq_f32_p%d.pkl" % p, class_dict(sequences, names), p)
    vectors = [seq(k, 1, 4, np.float16)[0] for k in range(3)]
    write("vec_f16_p%d.pkl" % p, class_dict(vectors, ["v0", "v1", "v2"]), p)

u8 = [np.array(10 * k + np.arange(3)[:, None] + np.arange(2)[None, :], dtype=np.uint8)
      for k in range(2)]
write("seq_u8_p4.pkl", class_dict(u8, [b"u0", b"u1"]), 4)

with open("seq_f32_p4.pkl", "rb") as f:
    whole = f.read()
with open("truncated.pkl", "wb") as f:
    f.write(whole[: len(whole) // 2])

write("wrong_dtype.pkl", class_dict([np.ones((2, 3), np.complex64)], [b"c"]), 4)
write("wrong_shape.pkl", class_dict([np.ones((1, 2, 3), np.float32)], [b"r"]), 4)
write("names_short.pkl", class_dict(sequences[:2], [b"only_one"]), 4)


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


write("unknown_global.pkl", {"features": [Evil()], "video_names": [b"e"], "fps": [25]}, 4)
