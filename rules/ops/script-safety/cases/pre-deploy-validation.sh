#!/bin/bash
# pre-deploy-validation.sh: named for the deploy it guards, at the repository root

echo "Pre-deployment validation..."
# expect: noErrexit

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
