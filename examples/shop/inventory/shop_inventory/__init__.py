"""The shop's inventory: a Python provider, verified against its ABE contracts by abe verify."""
