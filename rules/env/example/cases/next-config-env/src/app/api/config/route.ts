export async function GET() {
  const db = process.env.DATABASE_URL;
  return Response.json({ favicon: process.env.FAVICON_URL, db: Boolean(db) });
  //                              ^^^^^^^^^^^^^^^^^^^^^^^ undocumented
}
