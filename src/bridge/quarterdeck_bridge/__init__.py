# SPDX-License-Identifier: GPL-3.0-or-later
"""Quarterdeck's bridge strategy for a NautilusTrader node.

``quarterdeck_bridge.strategy`` holds the Strategy and its config (and is the only module
that imports NautilusTrader); ``translate``, ``seed`` and ``publish`` are plain Python.
"""

__version__ = "0.1.0"
