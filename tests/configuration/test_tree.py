from cluster import model, tree


def test_round_trip_of_a_section():
    listener = model.Listener("In", hat=model.HostAccess(policies={
        "$A": model.MailFlowPolicy("$A", params=model.PolicyParams(tls="required"))}))
    back = tree.from_tree(model.Listener, tree.to_tree(listener))
    assert back == listener
    assert back.hat.policies["$A"].params.tls == "required"


def test_diff_and_apply_keep_independent_edits():
    base = {"a": {"x": 1, "y": 2}, "b": [1, 2]}
    mine = {"a": {"x": 10, "y": 2}, "b": [1, 2]}
    theirs = {"a": {"x": 1, "y": 20}, "b": [3]}
    merged = tree.apply(theirs, tree.diff(base, mine))
    assert merged == {"a": {"x": 10, "y": 20}, "b": [3]}


def test_deleting_a_key_is_a_change():
    changes = tree.diff({"a": 1, "b": 2}, {"a": 1})
    assert tree.apply({"a": 5, "b": 2, "c": 3}, changes) == {"a": 5, "c": 3}


def test_reordering_a_mapping_replaces_it_whole():
    changes = tree.diff({"m": {"a": 1, "b": 2}}, {"m": {"b": 2, "a": 1}})
    assert list(tree.apply({"m": {"a": 1, "b": 2, "c": 3}}, changes)["m"]) == ["b", "a"]


def test_secret_paths_found():
    assert ("profiles", "*", "key_pem") in tree.secret_paths(model.Certificates)
    assert ("users", "*", "password_hash") in tree.secret_paths(model.Users)
