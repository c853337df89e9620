// Comfort only: send visitors without a session to the sign-in page before rendering anything.
// Every page, server action and route handler still checks the session and permission itself.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = new URL("/signin", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // portal pages only: the API answers 401 itself, auth and setup pages must stay reachable
  matcher: ["/dashboard/:path*", "/models/:path*", "/datasets/:path*", "/reviews/:path*", "/reports/:path*", "/audit-log/:path*", "/admin/:path*", "/account/:path*"],
};
