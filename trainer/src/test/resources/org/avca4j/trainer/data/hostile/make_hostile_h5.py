"""Writes the hostile HDF5 fixtures of Hdf5HostileFilesTest (run it with a python3 that has h5py, e.g. Debian's python3-h5py).

Needs h5py and numpy. Every file is a few kB: the large ones declare far more values than they
store (chunked, gzip, only the first chunk written; HDF5 reads unwritten chunks as the fill value).
"""
import zlib

import h5py
import numpy as np


def sparse_bomb(name, rows, dim):
    with h5py.File(name, "w", libver="earliest") as f:
        d = f.create_dataset("data", (rows, dim), "f4", chunks=(1024, dim), compression="gzip")
        d[0:1024] = 0.5
        u = f.create_dataset("video_urls", (rows,), "S80", chunks=(1024,), compression="gzip")
        u[0:4] = [b"clip_0", b"clip_1", b"clip_2", b"clip_3"]


# Declares 921,600 x 512 float32 (1.8 GiB), stores one 2 MiB chunk of 0.5.
sparse_bomb("bomb_921600x512.h5", 921600, 512)
# Declares 1,100,000 x 512 float32: 2.1 GiB, more bytes than one Java array holds.
sparse_bomb("bomb_1100000x512.h5", 1100000, 512)

# Datasets created but never written: no storage is allocated.
with h5py.File("unwritten_contiguous.h5", "w", libver="earliest") as f:
    f.create_dataset("data", (3, 4), "f4")
    f.create_dataset("video_urls", data=np.array([b"a", b"b", b"c"], dtype="S80"))
with h5py.File("unwritten_chunked.h5", "w", libver="earliest") as f:
    f.create_dataset("data", (3, 4), "f4", chunks=(3, 4), compression="gzip")
    f.create_dataset("video_urls", data=np.array([b"a", b"b", b"c"], dtype="S80"))

# One 4 x 4 float32 chunk (64 bytes) whose stored gzip stream inflates to 8 MiB.
with h5py.File("chunk_bomb.h5", "w", libver="earliest") as f:
    d = f.create_dataset("data", (4, 4), "f4", chunks=(4, 4), compression="gzip")
    d.id.write_direct_chunk((0, 0), zlib.compress(b"\0" * (8 << 20), 9))
    f.create_dataset("video_urls", data=np.array([b"a", b"b", b"c", b"d"], dtype="S80"))
