"""The examples in the docstrings run."""

import doctest

import zhengce


def test_docstring_examples() -> None:
    result = doctest.testmod(zhengce, extraglobs={"zhengce": zhengce}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10
    assert result.failed == 0
