export declare const HEALING_STATES: string[];
