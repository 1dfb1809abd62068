// A page with one message (not found, error, done): the frame and a paragraph.

import { Layout } from './layout.tsx';

export function messagePage(props: { title: string; message: string; home: string; site?: string }): string {
  return (
    '<!doctype html>' +
    (
      <Layout title={props.title} site={props.site ?? '政府信息公开'} home={props.home}>
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href={props.home}>返回首页</a>
        </p>
      </Layout>
    ).toString()
  );
}
