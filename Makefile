# The two commands a fresh machine needs (see README.md).
.PHONY: demo test

# Start moto on loopback, seed the insecure demo account, scan it, write reports to demo-output/.
demo:
	bash scripts/demo.sh

# The whole test suite (what CI runs).
test:
	bash scripts/test.sh
