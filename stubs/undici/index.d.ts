/** The stand-in's two names (see index.js); constructing works, any use throws. */
export declare const ProxyAgent: new (options?: object) => { dispatch: () => never }
export declare function fetch(...args: unknown[]): never
