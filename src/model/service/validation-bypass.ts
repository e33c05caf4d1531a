/**
 * Validation bypasses: env flags named to skip or disable a check (`SKIP_AUTH`, `DISABLE_VALIDATION`, `NO_VERIFY`)
 * that the code reads, when their name says the check is a security one or the branches they control run security
 * code — not when a flagged branch only refuses (throws, exits or logs), nor flags of the service's own settings
 * checks. The env reads extractor hands each read to flag().
 */
import type * as t from '@babel/types';
import { chainText, isCall, isFunction, unwrap, walk } from '../../parsers/source.ts';
import { statementsOf } from './expressions.ts';
import type { Module } from './module.ts';
import type { ValidationBypass } from './types.ts';

const BYPASS_FLAG = /(?:^|_)(?:SKIP|DISABLE|DISABLED|BYPASS|NO|IGNORE)(?:_|$)|BYPASS/;
const SECURITY_CONCEPT = /(?:^|_)(?:VALIDATIONS?|VALIDATE|VALIDATOR|AUTH\w*|VERIFY|VERIFICATION|CONSTRAINTS?|CSRF|SIGNATURES?|PERMISSIONS?|ACL|SECURITY|SANITI[SZ]\w*)(?:_|$)/;
const OWN_SETTINGS = /(?:^|_)(?:ENV|ENVS|ENVIRONMENT|CONFIG|CONFIGURATION|SETTINGS)_(?:VALIDATIONS?|VALIDATE|CHECKS?)(?:_|$)/;
const SECURITY_CODE = /valid|constraint|auth|verif|permission|guard|csrf|signature|saniti[sz]|schema/i;

export class ValidationBypasses {
  readonly bypasses: ValidationBypass[] = [];

  /** An env read of `flag` at `node`: a bypass when the flag is named like one and what it controls says so. */
  flag(mod: Module, node: t.Node, flag: string, ancestors: readonly t.Node[]): void {
    if (!BYPASS_FLAG.test(flag)) return;
    // `SKIP_ENV_VALIDATION` (t3-env, for image builds without runtime secrets) checks the service's own settings, not requests.
    if (OWN_SETTINGS.test(flag)) return;
    if (readsAsValue(node, ancestors)) return;
    const explicit = SECURITY_CONCEPT.test(flag);
    const controlled = this.controlledBranches(mod, node, ancestors);
    if (controlled === undefined) {
      if (explicit) this.bypasses.push({ flag, loc: mod.loc(node) });
      return;
    }
    if (controlled.every((branches) => branches.every((b) => refusesOnly(b)))) return;
    const mentionsSecurity = controlled.some((branches) => branches.some((b) => b && identifiersIn(b).some((id) => SECURITY_CODE.test(id))));
    if (explicit || mentionsSecurity) this.bypasses.push({ flag, loc: mod.loc(node) });
  }

  /** The branches an env flag controls: of the conditional it is tested in, or of those testing the constant it sets. */
  private controlledBranches(mod: Module, node: t.Node, ancestors: readonly t.Node[]): (t.Node | null | undefined)[][] | undefined {
    let child = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression') && a.test === child) return [[a.consequent, a.alternate]];
      if (a.type === 'LogicalExpression' && a.left === child && a.operator !== '??' && ancestors[i - 1]?.type === 'ExpressionStatement') return [[a.right]];
      if (a.type === 'VariableDeclarator' && a.id.type === 'Identifier') {
        const alias = a.id.name;
        const out: (t.Node | null | undefined)[][] = [];
        for (const n of mod.conditionals) if (identifiersIn(n.test).includes(alias)) out.push([n.consequent, n.alternate]);
        return out.length > 0 ? out : undefined;
      }
      if (isFunction(a) || a.type === 'ExpressionStatement' || a.type === 'ObjectProperty') return undefined;
      child = a;
    }
    return undefined;
  }
}

/** `process.env.RATE_LIMIT_BYPASS?.split(',')`: the value is split into a list (addresses to exempt), so it is a setting, not a switch. */
function readsAsValue(node: t.Node, ancestors: readonly t.Node[]): boolean {
  const parent = ancestors.at(-1);
  const grand = ancestors.at(-2);
  if (!parent || (parent.type !== 'MemberExpression' && parent.type !== 'OptionalMemberExpression') || parent.object !== node || parent.computed) return false;
  return parent.property.type === 'Identifier' && parent.property.name === 'split' && grand !== undefined && isCall(grand) && grand.callee === parent;
}

/** A branch that only refuses (throws, exits or logs): reading a flag to refuse it is not a bypass. */
function refusesOnly(branch: t.Node | null | undefined): boolean {
  if (!branch) return true;
  return statementsOf(branch).every((s) => {
    if (s.type === 'ThrowStatement') return true;
    const expr = s.type === 'ExpressionStatement' ? unwrap(s.expression) : s;
    if (!isCall(expr)) return false;
    const callee = chainText(expr.callee) ?? '';
    return callee === 'process.exit' || /^(?:console|logger|log)\./.test(callee);
  });
}

function identifiersIn(node: t.Node): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'Identifier') out.push(n.name);
  });
  return out;
}
