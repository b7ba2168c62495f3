from harness import after_banner, make_appliance, run


def test_commit_with_nothing_pending(tmp_path):
    text = after_banner(run(make_appliance(tmp_path), ["commit"]))
    assert text == ("ironport.example.com> commit\r\n\r\nThere is no data to commit.\r\n\r\n"
                    "ironport.example.com> ")


def test_sethostname_then_commit_changes_prompt(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["sethostname", "mail4.example.com", "commit", "first", "",
                                        "commit"]))
    assert text.startswith(
        "ironport.example.com> sethostname\r\n[ironport.example.com]> mail4.example.com\r\n\r\n"
        "ironport.example.com> commit\r\n\r\nPlease enter some comments describing your changes:\r\n"
        "[]> first\r\n\r\nDo you want to save the current configuration for rollback? [Y]> \r\n"
        "\r\nChanges committed: ")
    assert text.endswith("\r\n\r\nmail4.example.com> commit\r\n\r\nThere is no data to commit.\r\n\r\n"
                         "mail4.example.com> ")
    assert appliance.view().system.hostname == "mail4.example.com"
