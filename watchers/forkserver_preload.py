"""Imported by the parse pool's forkserver, and only there, when it starts: from then on the
kernel ends the forkserver when the bot ends, and the workers it forks expect it as their
parent (see ``watchers.lifeline``)."""

from watchers.lifeline import die_with_parent, expect_parent

die_with_parent()
expect_parent()
