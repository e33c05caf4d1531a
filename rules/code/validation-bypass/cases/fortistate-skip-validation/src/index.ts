// The fortistate guide's "BAD: Constraint can be disabled".
const constraints = new Map();
if (process.env.SKIP_VALIDATION !== 'true') {
//  ^^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass
  constraints.set('user', [myConstraint]);
}
