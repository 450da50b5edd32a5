"""`python -m doclint`: same as the `doclint` console script."""
from doclint.cli import main

if __name__ == "__main__":
    main()
