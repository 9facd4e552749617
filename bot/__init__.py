"""newsalert: watch news feeds for people, organizations and legal events, and alert channels."""

__version__ = "0.1.0"
