import * as glob from "glob";
import * as path from "path";
import * as ts from "typescript";

export function createProgram(pathGlob: string, tsconfig?: string): ts.Program {
    const rootNames = glob.sync(path.resolve(pathGlob));
    return ts.createProgram(rootNames, { noEmit: true });
}
