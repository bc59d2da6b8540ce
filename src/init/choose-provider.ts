import type { InitComponent, ProviderChoice } from './types.js';

/**
 * HTTP server frameworks by ecosystem: a component depending on one serves HTTP. npm names
 * are `dependencies` keys, Python names words of pyproject.toml, Go entries module path
 * prefixes in go.mod.
 */
export const HTTP_FRAMEWORKS: Readonly<Record<'npm' | 'python' | 'go', readonly string[]>> = {
  npm: [
    'express',
    'fastify',
    'koa',
    'hono',
    '@hapi/hapi',
    '@nestjs/core',
    'restify',
    'polka',
    'h3',
    '@adonisjs/core',
  ],
  python: [
    'fastapi',
    'flask',
    'django',
    'starlette',
    'litestar',
    'aiohttp',
    'sanic',
    'falcon',
    'quart',
    'tornado',
    'pyramid',
  ],
  go: [
    'github.com/gin-gonic/gin',
    'github.com/labstack/echo',
    'github.com/gofiber/fiber',
    'github.com/go-chi/chi',
    'github.com/gorilla/mux',
    'github.com/julienschmidt/httprouter',
    'github.com/beego/beego',
  ],
};

/** A directory name that says "service": `api`, `users-api`, `backend`, `order_service`. */
const SERVICE_NAME = /(^|[-_.])(api|apis|server|service|svc|backend|gateway)([-_.]|$)/i;

/**
 * The component the example contract goes to: the first (in file order) that depends on an
 * HTTP server framework, else the first whose name says it is a service, else the first.
 * Undefined without components.
 *
 * @example
 * chooseProvider([ui, api]); // { component: 'api', reason: { kind: 'framework', framework: 'express' } }
 */
export function chooseProvider(
  components: readonly Pick<InitComponent, 'name' | 'dependencies'>[],
): ProviderChoice | undefined {
  for (const component of components) {
    const framework = findFramework(component.dependencies);
    if (framework !== undefined) {
      return { component: component.name, reason: { kind: 'framework', framework } };
    }
  }
  const named = components.find((component) => SERVICE_NAME.test(component.name));
  if (named !== undefined) return { component: named.name, reason: { kind: 'name' } };
  const first = components[0];
  return first === undefined ? undefined : { component: first.name, reason: { kind: 'first' } };
}

function findFramework(dependencies: readonly string[]): string | undefined {
  for (const dependency of dependencies) {
    const lower = dependency.toLowerCase();
    if (HTTP_FRAMEWORKS.npm.includes(dependency) || HTTP_FRAMEWORKS.python.includes(lower)) {
      return dependency;
    }
    const module = HTTP_FRAMEWORKS.go.find(
      (prefix) => lower === prefix || lower.startsWith(`${prefix}/`),
    );
    if (module !== undefined) return module;
  }
  return undefined;
}
