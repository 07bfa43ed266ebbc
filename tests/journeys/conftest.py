"""What every journey test shares: the scripted user's answers (the window asks for the role
of files in folders such as the bad corpus's, whose names say none)."""

from tests.support.scripted_user import files_without_a_role_are_clean  # noqa: F401
