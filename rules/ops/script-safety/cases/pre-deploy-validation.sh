#!/bin/bash
# pre-deploy-validation.sh: named for the deploy it guards, at the repository root. Each step's status is tested
# right after it and a failure aborts the deployment: the script does not go on after a failed step.

echo "Pre-deployment validation..."

npm test
if [ $? -ne 0 ]; then
    echo "Test suite failed - deployment aborted"
    exit 1
fi

npm run test:performance
if [ $? -ne 0 ]; then
    echo "Performance tests failed - deployment aborted"
    exit 1
fi
