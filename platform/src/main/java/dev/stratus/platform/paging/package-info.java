/**
 * Pagination, sorting and filtering of list routes ({@link dev.stratus.platform.paging.ListQuery}), and their OpenAPI
 * documentation. These classes depend only on JPA, MicroProfile OpenAPI and platform's problems. Every native list
 * route uses them: api-service's servers, network-service's and image-service's lists.
 */
package dev.stratus.platform.paging;
