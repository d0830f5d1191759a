// @ts-check
'use strict';

/**
 * hub/handlers-must-be-venue-scoped
 *
 * Every entry point of a service (an HTTP route, a NATS handler, a socket.io message) must say how
 * the PermissionGuard scopes it to a venue: `@VenueScoped(...)` or, deliberately, `@PublicEndpoint()`.
 * The marker may sit on the method or on its class. Platform libs cannot import @hub/auth, so they
 * may spell the public marker by value: `SetMetadata('hub:public-endpoint', true)`.
 *
 * Modelled on twenty's tools/eslint-rules/rules/rest-api-methods-should-be-guarded.ts.
 *
 * Plain CommonJS, no build step: eslint.config.mjs imports it, and so does the jest spec (jest runs
 * the repo's .ts through @swc/jest as CommonJS on Node 20, which cannot require an ES module).
 */

/** Decorators that turn a method into an entry point. */
const HANDLER_DECORATORS = new Set([
  // @nestjs/common HTTP routes
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'All',
  'Head',
  'Options',
  // @nestjs/microservices
  'EventPattern',
  'MessagePattern',
  // @nestjs/websockets
  'SubscribeMessage',
]);

/** Decorators that declare the venue scope (the names exported by @hub/auth). */
const SCOPE_DECORATORS = new Set(['VenueScoped', 'PublicEndpoint']);

/** The metadata key behind @PublicEndpoint(), for `SetMetadata('hub:public-endpoint', true)`. */
const PUBLIC_ENDPOINT_KEY = 'hub:public-endpoint';

/**
 * The name a decorator is called by: `@Get()`, `@Get`, `@common.Get()` all give 'Get'.
 * @param {any} expression
 * @returns {string | undefined}
 */
function calleeName(expression) {
  const callee = expression.type === 'CallExpression' ? expression.callee : expression;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    return callee.property.name;
  }
  return undefined;
}

/**
 * `SetMetadata('hub:public-endpoint', true)` (or with the PUBLIC_ENDPOINT constant).
 * @param {any} expression
 */
function isPublicEndpointMetadata(expression) {
  if (expression.type !== 'CallExpression' || calleeName(expression) !== 'SetMetadata') return false;
  const [key, value] = expression.arguments;
  const keyMatches =
    (key?.type === 'Literal' && key.value === PUBLIC_ENDPOINT_KEY) ||
    (key?.type === 'Identifier' && key.name === 'PUBLIC_ENDPOINT');
  return keyMatches && value?.type === 'Literal' && value.value === true;
}

/**
 * @param {any} node a MethodDefinition or a class
 * @returns {any[]}
 */
function decoratorsOf(node) {
  return (node && node.decorators) || [];
}

/** @param {any} node */
function declaresScope(node) {
  return decoratorsOf(node).some((decorator) => {
    const name = calleeName(decorator.expression);
    return (
      (name !== undefined && SCOPE_DECORATORS.has(name)) || isPublicEndpointMetadata(decorator.expression)
    );
  });
}

/** @param {any} node */
function enclosingClass(node) {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return current;
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require every HTTP route, NATS handler and socket.io message handler to declare its venue scope ' +
        'with @VenueScoped(...) or @PublicEndpoint(), on the method or on its class.',
    },
    messages: {
      missingVenueScope:
        '{{method}} must declare its venue scope: add @VenueScoped(...) or @PublicEndpoint()',
    },
    schema: [],
  },
  create(context) {
    return {
      /** @param {any} node */
      MethodDefinition(node) {
        const handler = decoratorsOf(node).some((decorator) => {
          const name = calleeName(decorator.expression);
          return name !== undefined && HANDLER_DECORATORS.has(name);
        });
        if (!handler) return;
        if (declaresScope(node) || declaresScope(enclosingClass(node))) return;

        const method =
          node.key.type === 'Identifier' || node.key.type === 'PrivateIdentifier'
            ? node.key.name
            : context.sourceCode.getText(node.key);
        context.report({ node: node.key, messageId: 'missingVenueScope', data: { method } });
      },
    };
  },
};

module.exports = rule;
