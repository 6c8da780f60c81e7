"""Admin passwords: Django's validators and zxcvbn's strength estimate, with French messages."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize("faible", ["Departement26!", "Collectivites2026", "Ladrome2026!"])
def test_long_enough_but_guessable_passwords_are_refused_in_french(faible):
    """12 characters or more, not in Django's common list: only the strength estimate catches them."""
    with translation.override("fr"), pytest.raises(ValidationError) as erreur:
        validate_password(faible)
    assert erreur.value.messages[0].startswith("Votre mot de passe est trop facile à deviner")


def test_a_passphrase_is_accepted():
    validate_password("cheval agrafe lavande Saillans orage")
