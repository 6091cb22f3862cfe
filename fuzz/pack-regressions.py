#!/usr/bin/env python3
"""Packs each fuzz target's minimised corpus (inputs of 512 bytes or less) into regressions/<target>.bin."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
for target in sorted(os.listdir(os.path.join(HERE, "corpus"))):
    folder = os.path.join(HERE, "corpus", target)
    inputs = [open(os.path.join(folder, name), "rb").read() for name in sorted(os.listdir(folder))]
    inputs = [data for data in inputs if len(data) <= 512]
    os.makedirs(os.path.join(HERE, "regressions"), exist_ok=True)
    with open(os.path.join(HERE, "regressions", f"{target}.bin"), "wb") as out:
        for data in inputs:
            out.write(struct.pack("<I", len(data)) + data)
    print(target, len(inputs), "inputs")
