from cluster import passwords


def test_salted_hashes_check_and_the_fast_path_keeps_refusing_wrong_passwords():
    first, second = passwords.hash_password("Secret7x!"), passwords.hash_password("Secret7x!")
    assert first != second and "Secret7x!" not in first  # salted, never plain
    for _ in range(2):  # the second round takes the in-memory fast path
        assert passwords.check_password("Secret7x!", first)
        assert not passwords.check_password("Secret7x?", first)
        assert not passwords.check_password("Secret7x!", "not a hash")
    assert passwords.check_password("Secret7x!", second)
