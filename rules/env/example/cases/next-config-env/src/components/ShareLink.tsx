export function ShareLink({ slug }: { slug: string }) {
  return <a href={`${process.env.cloudUrl}/share/${slug}`}>{process.env.currentVersion}</a>;
}
