"""Layer 6, the command line: ``timeline`` (:mod:`.main`), its editing commands
(:mod:`.edit`) and the extraction commands (:mod:`.extract`).

May import every other layer; nothing imports it.
"""
