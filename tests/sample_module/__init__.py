"""A small module, the notice board (papan pengumuman), that exists only to prove that adding a
module to Padu is one folder plus one line in settings (docs/adding-a-module.md).

It is installed only by tests/sample_module/settings.py (the test settings plus one line), and
tests/test_adding_a_module.py runs checks_inside.py and the isolation harness under those
settings: the module's pages answer, its console menu entry shows, its section is in a person's
data export, `padu demo` seeds it, and the harness refuses the other agency's notices.
Nothing outside this folder names it.
"""
