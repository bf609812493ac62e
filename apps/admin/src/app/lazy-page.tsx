import { Suspense, lazy, type ComponentType, type JSX } from 'react';
import { Flex, Spin } from 'antd';

/** What shows while a page's code arrives: a spinner where the page will be (the frame stays). */
export function PageLoading() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }} data-testid="page-loading">
      <Spin size="large" />
    </Flex>
  );
}

/**
 * A page whose code is fetched the first time it is shown, so the first screen loads only its own
 * page (and the libraries it uses): `lazyPage(() => import('./UnitsPage'), 'UnitsPage')`.
 */
type PropsOf<C> = C extends ComponentType<infer P> ? P & object : never;

export function lazyPage<M, K extends keyof M & string>(load: () => Promise<M>, name: K): ComponentType<PropsOf<M[K]>> {
  type P = PropsOf<M[K]>;
  const Page = lazy<ComponentType<P>>(async () => ({ default: (await load())[name] as ComponentType<P> }));
  function LazyPage(props: P & JSX.IntrinsicAttributes) {
    return (
      <Suspense fallback={<PageLoading />}>
        <Page {...props} />
      </Suspense>
    );
  }
  LazyPage.displayName = `Lazy(${name})`;
  return LazyPage;
}
