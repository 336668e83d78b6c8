"""Working groups, work packages, the matrix stages and the governance bodies."""
