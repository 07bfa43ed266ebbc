"""What every GUI test shares."""

from tests.support.scripted_user import files_without_a_role_are_clean  # noqa: F401
